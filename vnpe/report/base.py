"""What every part of the report shares: where the package and its data are, results and errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the vnpe package



DATA_DIR = PACKAGE_DIR / "data"



TEMPLATE_FILE = "report.html.j2"



KERNEL_NAME = "python3"



class ReportError(RuntimeError):
    """One or more notebooks failed; every report (and the index) was still written.

    ``index`` is the path of ``OUT/index.html``; ``failures`` the failed
    :class:`NotebookResult` rows.
    """

    def __init__(self, index: Path, failures: Sequence[NotebookResult]):
        self.index = index
        self.failures = list(failures)
        lines = [f"vnpe: {len(self.failures)} notebook(s) failed:"]
        lines += [f"  {r.notebook}: {r.error}" for r in self.failures]
        super().__init__("\n".join(lines))



@dataclass
class NotebookResult:
    """The outcome of one notebook: its file name, the HTML file written, the error if it failed."""

    notebook: str
    html: str
    ok: bool
    error: str = ""
    n_bytes: int = 0
    title: str = ""

