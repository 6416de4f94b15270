"""Seeded synthetic multi-vendor support data in canonical tables (`supportgauge generate`)."""

from __future__ import annotations

from supportgauge.synthetic.dataset import SyntheticDataset, generate_dataset
from supportgauge.synthetic.profiles import VENDOR_PROFILES, VendorProfile, calendars_toml
from supportgauge.synthetic.truth import VendorTruth
from supportgauge.synthetic.writer import (
    FILE_FORMATS,
    SETTINGS_FILE,
    check_out_folder,
    planned_files,
    write_dataset,
)

__all__ = [
    "FILE_FORMATS",
    "SETTINGS_FILE",
    "VENDOR_PROFILES",
    "SyntheticDataset",
    "VendorProfile",
    "VendorTruth",
    "calendars_toml",
    "check_out_folder",
    "generate_dataset",
    "planned_files",
    "write_dataset",
]
