"""The scorecard: five dimensions scored 1-5 per vendor, weighted by scenario, with honest
intervals (`scorecard.scorecard`, `explain.explain`; docs/scoring.md)."""
