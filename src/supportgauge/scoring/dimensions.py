"""The five dimensions of the scorecard, in the order every face shows them."""

from __future__ import annotations

from supportgauge.canonical import DIMENSIONS

__all__ = ["DIMENSIONS", "DIMENSION_SHORT", "DIMENSION_TITLES"]

DIMENSION_TITLES = {
    "response_speed": "response speed (响应速度与时效性)",
    "technical_expertise": "technical expertise (技术支持的专业深度)",
    "resolution_quality": "resolution quality (问题解决的有效率)",
    "communication": "communication (服务态度与沟通质量)",
    "proactive_service": "proactive service (持续跟进与主动服务)",
}
# Column headings that fit an 80-column table.
DIMENSION_SHORT = {
    "response_speed": "speed",
    "technical_expertise": "expert",
    "resolution_quality": "resolv",
    "communication": "comms",
    "proactive_service": "proact",
}
