"""Shareable reports (issue 12): code hidden by default, no injected-parameters cell, alt text on every
figure, any notebook parameter with -p, --encoding, notebooks shipped with the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_report import write_corpus, write_notebook

from vnpe.cli import main
from vnpe.report import notebooks_folder, unsafe_markup

FIGURE_NB = [
    ("markdown", "# Figures"),
    ("parameters", 'corpus_dir = "x"\ntop = 3'),
    ("code", "import matplotlib.pyplot as plt\nimport vnpe.plots\nsecret_code_marker = 1\n"
             "fig, ax = plt.subplots()\nax.barh(['trade', 'health'], [top, 1])\n"
             "ax.set_title('Areas <b>x</b>')\nax.set_xlabel('articles')\nplt.show()"),
    ("code", "print('top is', top)\nimport vnpe\nprint('encoding', vnpe.load_corpus(corpus_dir).encoding.tolist())"),
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("share")
    write_notebook(base / "nbs" / "01_fig.ipynb", FIGURE_NB)
    corpus = write_corpus(base / "corpus")
    (corpus / "legacy.txt").write_bytes("Peru café ñandú señor".encode("cp1252"))
    out = base / "out"
    status = main(["report", str(corpus), "-o", str(out), "--notebooks", str(base / "nbs"), "-p", "top", "7",
                   "--encoding", "cp1252", "--quiet"])
    return status, (out / "01_fig.html").read_text(encoding="utf-8"), base


def test_code_and_injected_parameters_hidden_by_default(rendered) -> None:
    status, page, _ = rendered
    assert status == 0
    assert "secret_code_marker" not in page
    assert "injected-parameters" not in page
    assert "top is 7" in page  # -p reached the notebook
    assert "cp1252" in page  # --encoding reached the kernel's load_corpus
    assert unsafe_markup(page) == []


def test_every_figure_has_a_description(rendered) -> None:
    _, page, _ = rendered
    alts = re.findall(r'<img[^>]*\balt="([^"]*)"', page)
    assert alts and all("No description" not in a for a in alts)
    assert any("Bar chart" in a and "articles" in a and "trade" in a for a in alts)
    assert "Areas &lt;b&gt;x&lt;/b&gt;" in page  # the figure's title is escaped in the alt text


def test_with_code_shows_code(rendered, tmp_path: Path) -> None:
    _, _, base = rendered
    out = tmp_path / "out"
    assert main(["report", str(base / "corpus"), "-o", str(out), "--notebooks", str(base / "nbs"),
                 "--with-code", "--quiet"]) == 0
    page = (out / "01_fig.html").read_text(encoding="utf-8")
    assert "secret_code_marker" in page and "top is 3" in page
    assert "injected-parameters" not in page


def test_unknown_parameter_exits_2_before_work(rendered, tmp_path: Path, capsys) -> None:
    _, _, base = rendered
    assert main(["report", str(base / "corpus"), "-o", str(tmp_path / "o"), "--notebooks", str(base / "nbs"),
                 "-p", "no_such", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no_such" in err[0]
    assert not (tmp_path / "o").exists()


def test_notebooks_ship_with_the_package() -> None:
    import vnpe

    shipped = Path(vnpe.__file__).parent / "notebooks"
    assert sorted(p.name for p in shipped.glob("*.ipynb")) == sorted(p.name for p in notebooks_folder().glob("*.ipynb"))
    assert any(shipped.glob("*.ipynb"))


def test_the_parent_does_no_analytics(tmp_path: Path, monkeypatch) -> None:
    """One computation per report: the parent neither cleans the corpus nor computes areas or pairs;
    the index shows what the notebook handed over."""
    import vnpe.areas
    import vnpe.load
    import vnpe.overlap

    def forbidden(*_a, **_k):
        raise AssertionError("analytics in the parent process")

    for module, name in [(vnpe.load, "load_corpus"), (vnpe.load, "clean_text"), (vnpe.areas, "area_table"),
                         (vnpe.overlap, "pair_table")]:
        monkeypatch.setattr(module, name, forbidden)
    nbs = tmp_path / "nbs"
    write_notebook(nbs / "01.ipynb", [
        ("markdown", "# Hand-over"), ("parameters", 'corpus_dir = "x"'),
        ("code", "import vnpe\nfrom vnpe.report.figures import corpus_figures, hand_to_report\n"
                 "_ = hand_to_report('c', **corpus_figures(vnpe.load_corpus(corpus_dir)))")])
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    assert main(["report", str(corpus), "-o", str(out), "--notebooks", str(nbs), "--quiet"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "5 articles" in index and "en: " in index
    assert "not handed over" in index  # areas and duplicates: this notebook did not compute them
