"""The stylesheet carries only the GOV.UK and MoJ components the product uses
(static/scss/app.scss imports them one by one, to keep a rep's first visit
small). A template that starts using another component must add it there,
or it would be drawn without its styles."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCSS = (ROOT / "static" / "scss" / "app.scss").read_text()
GOVUK = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"
MOJ = ROOT / "node_modules" / "@ministryofjustice" / "frontend" / "moj" / "components"

# The components of each design system, as of the versions in package.json
# (read from node_modules when it is there, so an upgrade is noticed).
GOVUK_COMPONENTS = sorted(
    (p.name for p in GOVUK.iterdir() if p.is_dir())
    if GOVUK.exists()
    else "accordion back-link breadcrumbs button character-count checkboxes cookie-banner "
    "date-input details error-message error-summary exit-this-page fieldset file-upload "
    "footer header hint input inset-text label notification-banner pagination panel "
    "password-input phase-banner radios select service-navigation skip-link summary-list "
    "table tabs tag task-list textarea warning-text".split(),
    key=len,
    reverse=True,
)
MOJ_COMPONENTS = sorted(
    (p.name for p in MOJ.iterdir() if p.is_dir())
    if MOJ.exists()
    else "alert badge banner button-menu filter header identity-bar messages "
    "multi-select notification-badge page-header-actions pagination primary-navigation "
    "progress-bar search side-navigation sortable-table sub-navigation tag task-list "
    "ticket-panel timeline".split(),
    key=len,
    reverse=True,
)


def used_components(prefix: str, names: list[str]) -> dict[str, str]:
    pattern = re.compile(
        rf"(?<![a-z-]){prefix}-({'|'.join(map(re.escape, names))})(?=__|--|[^a-z-]|$)"
    )
    found: dict[str, str] = {}
    sources = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templatetags/*.py")]
    for path in sources:
        for match in pattern.finditer(path.read_text()):
            found.setdefault(match.group(1), str(path.relative_to(ROOT)))
    return found


def test_every_govuk_component_a_template_uses_is_in_the_stylesheet():
    used = used_components("govuk", GOVUK_COMPONENTS)
    assert "button" in used and "table" in used  # the scan finds what is there
    missing = {
        name: where
        for name, where in used.items()
        if f'govuk-frontend/dist/govuk/components/{name}"' not in SCSS
    }
    assert not missing, (
        "Add these GOV.UK components to static/scss/app.scss "
        f'(@import "govuk-frontend/dist/govuk/components/NAME";): {missing}'
    )


def test_every_moj_component_a_template_uses_is_in_the_stylesheet():
    used = used_components("moj", MOJ_COMPONENTS)
    missing = {
        name: where
        for name, where in used.items()
        if f"@ministryofjustice/frontend/moj/components/{name}/" not in SCSS
    }
    assert not missing, (
        "Add these MoJ components to static/scss/app.scss "
        '(@import "@ministryofjustice/frontend/moj/components/NAME/NAME";): '
        f"{missing}"
    )


def test_the_stylesheet_does_not_import_the_whole_design_systems():
    assert '"govuk-frontend/dist/govuk/index"' not in SCSS
    assert '"govuk-frontend/dist/govuk/all"' not in SCSS
    assert '"@ministryofjustice/frontend/moj/all"' not in SCSS
