"""Pages for reports: the archive, requests, sharing and public pages.

One module per part; urls import from here.
"""

from .certificates import involvement_record, training_certificate
from .dashboard import (
    dashboard_council,
    dashboard_home,
    dashboard_region,
    quarterly_page,
    quarterly_page_council,
    quarterly_page_region,
    report_page,
)
from .documents import (
    public_booklet,
    public_index,
    public_page_switch,
    public_pages,
    public_you_said_we_did,
    report_detail,
    report_download,
    report_list,
    report_new,
    report_regenerate,
    report_retry,
    report_share,
    report_unshare,
)
from .exports import export_new
from .national import national, public_national
from .search import search_page

__all__ = [
    "export_new",
    "search_page",
    "national",
    "public_national",
    "dashboard_home",
    "dashboard_region",
    "dashboard_council",
    "quarterly_page",
    "quarterly_page_region",
    "quarterly_page_council",
    "report_page",
    "involvement_record",
    "training_certificate",
    "report_list",
    "report_new",
    "report_detail",
    "report_download",
    "report_retry",
    "report_regenerate",
    "report_share",
    "report_unshare",
    "public_pages",
    "public_page_switch",
    "public_index",
    "public_you_said_we_did",
    "public_booklet",
]
