"""axe-core in the browser tests: our admin additions must have no serious or critical accessibility violation.

axe-core comes from the npm registry (`make test` installs it into .cache/axe). It is evaluated through the
DevTools protocol rather than added as a <script>, which the admin's Content Security Policy would refuse.
"""

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# Moderate by axe's measure, but a screen reader's landmark list showing two same-named regions is a real trap.
ALSO_BLOCKING = ("landmark-unique",)
RUN = """async (include) => {
    const results = await axe.run(include ? { include: include.map((selector) => [selector]) } : document,
                                  { resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
        id: violation.id, impact: violation.impact, help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}"""


def axe_source() -> str:
    if not AXE.exists():
        message = f"The accessibility checks need axe-core at {AXE}: run `make test` (it installs it with npm)."
        if os.environ.get("LAMPEDUSA_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def blocking_violations(frame, include: list[str] | None = None) -> list[str]:
    """The serious and critical violations in `frame` (a page or an iframe), within the `include` selectors, and
    those of ALSO_BLOCKING."""
    if not frame.evaluate("() => typeof axe !== 'undefined'"):
        frame.evaluate(axe_source())
    found = frame.evaluate(RUN, include)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {', '.join(violation['targets'][:5])}"
        for violation in found
        if violation["impact"] in BLOCKING or violation["id"] in ALSO_BLOCKING
    ]
