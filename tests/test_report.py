"""`vnpe report`: notebooks executed on a corpus, rendered to self-contained, inert, identical HTML.

The machinery is tested on a tiny notebook written here (one kernel start per render, ~2 s); the
last test runs the repository's own notebooks on the same hostile corpus.
"""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe import cli, report
from vnpe.report import ReportError, build_report, clean_html, unsafe_markup

os.environ.setdefault("PYTHONHASHSEED", "0")
os.environ.setdefault("MPLBACKEND", "Agg")

HOSTILE_TITLE = "Hostile <script>alert(1)</script> headline"
HOSTILE_BODY = (
    "Officials met on Monday <img src=x onerror=alert(1)> to discuss mining and oil and gas "
    'cooperation, see <a href="javascript:alert(1)">the statement</a> for the full text of it.'
)
HOSTILE_NAME = "<b onmouseover=alert(3)>name"
EN = """Vietnam and Peru deepen trade ties

LIMA, June 10, 2025 (VNA) - Vietnam and Peru agreed on Tuesday to expand cooperation in mining,
agriculture and digital transformation, officials said after talks in the Peruvian capital.

The two sides reviewed trade, which reached a record last year, and discussed investment in energy.

Both delegations pledged to meet again next year to review progress on the agreements signed.
"""
VI = """Việt Nam và Peru thúc đẩy hợp tác dầu khí

Hà Nội, ngày 12 tháng 6 năm 2025 - Hai nước nhất trí đẩy mạnh hợp tác trong lĩnh vực dầu khí,
khai khoáng và nông nghiệp, theo thông cáo của Bộ Ngoại giao được công bố sau cuộc hội đàm.

Hai bên cũng bàn về chuyển đổi số và thương mại song phương, vốn tăng mạnh trong năm qua.
"""
UTF16 = """Peru coffee exporters look to Vietnam

Exporters from Peru said the Vietnamese market offers room to grow for specialty coffee beans,
according to a trade association report published this week in Lima with new figures.
"""

TINY_NOTEBOOK = [
    ("markdown", "# Tiny report\nWhat does the corpus hold?"),
    ("parameters", 'corpus_dir = "../seeds"'),
    ("code", "import html\nimport matplotlib.pyplot as plt\nfrom IPython.display import Markdown\n"
             "import vnpe.load\n"
             "articles = vnpe.load.load_corpus(corpus_dir, progress=False, warn=False)\n"
             "print(f'n_articles={len(articles)}')"),
    ("code", "articles[['doc_id', 'language', 'title', 'text']]"),
    ("code", "articles[['doc_id', 'title']].style.format(escape='html')"),
    ("code", "Markdown('\\n\\n'.join('* ' + html.escape(t) for t in articles['title']))"),
    ("code", "fig, ax = plt.subplots(figsize=(3, 2))\n"
             "ax.bar(range(len(articles)), articles['n_chars_clean'])\nplt.show()"),
    ("code", "print(object())"),
    ("code", "for text in articles['text']:\n    print(text)"),
    ("code", "import pandas as pd\nwith pd.option_context('display.max_colwidth', None):\n"
             "    display(articles[['doc_id', 'text']])"),
    # the figures the index shows, computed by the notebook and handed over (issue 12)
    ("code", "from vnpe.report.figures import corpus_figures, hand_to_report\n"
             "_ = hand_to_report('tiny', **corpus_figures(articles))"),
]


def write_notebook(path: Path, cells: list[tuple[str, str]]) -> Path:
    nb = nbformat.v4.new_notebook()
    for kind, source in cells:
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            cell = nbformat.v4.new_code_cell(source)
            if kind == "parameters":
                cell.metadata["tags"] = ["parameters"]
            nb.cells.append(cell)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "en.txt").write_text(EN, encoding="utf-8")
    (root / "vi.txt").write_text(VI, encoding="utf-8")
    (root / "utf16.txt").write_bytes(UTF16.encode("utf-16"))
    hostile = f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}\n\n{EN.split(chr(10), 2)[2]}"
    (root / "hostile.txt").write_text(hostile, encoding="utf-8")
    (root / f"{HOSTILE_NAME}.txt").write_text(EN.replace("trade ties", "ties"), encoding="utf-8")
    return root


class Markup(HTMLParser):
    """Independent check (not vnpe's audit): elements and attributes that could run script."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.bad_attrs: list[str] = []
        self.external: list[str] = []
        self.images = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or value.startswith("javascript:"):
                self.bad_attrs.append(f"{tag} {name}={value}")
            if (tag in {"script", "link", "img", "iframe"} and name in {"src", "href"}
                    and value.startswith(("http:", "https:", "//"))):
                self.external.append(f"{tag} {name}={value}")
            if tag == "img" and value.startswith("data:image/png;base64,"):
                self.images += 1

    handle_startendtag = handle_starttag


def parse(document: str) -> Markup:
    parser = Markup()
    parser.feed(document)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The tiny notebook rendered twice, from two copies of the corpus in different places."""
    base = tmp_path_factory.mktemp("report")
    nb_dir = base / "nbs"
    write_notebook(nb_dir / "01_tiny.ipynb", TINY_NOTEBOOK)
    corpus_a = write_corpus(base / "a" / "corpus")
    corpus_b = base / "b" / "corpus"
    shutil.copytree(corpus_a, corpus_b)
    index_a = build_report(corpus_a, base / "out_a", notebooks_dir=nb_dir, progress=False)
    index_b = build_report(corpus_b, base / "out_b", notebooks_dir=nb_dir, progress=False)
    return base, index_a, index_b


def test_every_notebook_rendered_and_linked(tiny):
    base, index, _ = tiny
    assert index == base / "out_a" / "index.html"
    assert sorted(p.name for p in index.parent.iterdir()) == ["01_tiny.html", "index.html"]
    page = index.read_text(encoding="utf-8")
    assert 'href="01_tiny.html"' in page
    assert "5 articles" in page
    assert "en: " in page and "vi: " in page
    assert 'class="failed"' not in page
    assert "Tiny report" in page  # the notebook's title


def test_parameter_reaches_the_notebook(tiny):
    _, index, _ = tiny
    document = (index.parent / "01_tiny.html").read_text(encoding="utf-8")
    assert "n_articles=5" in document  # the test corpus, not the notebook's default ../seeds
    assert "Việt Nam và Peru" in document  # UTF-8 throughout
    assert "Peru coffee exporters" in document  # the UTF-16 file


def test_html_is_self_contained_and_inert(tiny):
    _, index, _ = tiny
    for path in index.parent.glob("*.html"):
        document = path.read_text(encoding="utf-8")
        markup = parse(document)
        assert markup.scripts == 0, path.name
        assert markup.bad_attrs == [], path.name
        assert markup.external == [], path.name
        assert unsafe_markup(document) == [], path.name
        assert "cdnjs" not in document and "require.js" not in document
    document = (index.parent / "01_tiny.html").read_text(encoding="utf-8")
    assert parse(document).images >= 1  # the figure is embedded
    # the hostile text is there, as text (DataFrame, Styler, Markdown and print outputs)
    assert document.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    assert "&lt;img src=x onerror=alert(1)&gt;" in document
    assert "&lt;b onmouseover=alert(3)&gt;name" in document


def test_no_paths_timestamps_or_random_ids(tiny):
    base, index, _ = tiny
    document = (index.parent / "01_tiny.html").read_text(encoding="utf-8")
    for leak in (str(base), "vnpe-report-", "/tmp/", str(Path.home()) + "/", "papermill"):
        assert leak not in document, leak
    # papermill's injected-parameters cell (the corpus path) is not shown at all
    assert 'corpus_dir</span> <span class="o">=</span> <span class="s2">"corpus"' not in document
    assert "at 0xADDRESS" in document


def test_two_renders_are_byte_identical(tiny):
    _, index_a, index_b = tiny
    for name in ("01_tiny.html", "index.html"):
        assert (index_a.parent / name).read_bytes() == (index_b.parent / name).read_bytes(), name


def test_no_input_hides_code(tmp_path):
    nb_dir = tmp_path / "nbs"
    write_notebook(nb_dir / "01.ipynb", [("parameters", 'corpus_dir = "x"'),
                                         ("code", "secret_code_marker = 1\nprint('shown')")])
    corpus = write_corpus(tmp_path / "c<svg onload=alert(4)>")  # a hostile folder name too
    index = build_report(corpus, tmp_path / "out", notebooks_dir=nb_dir, no_input=True,
                         progress=False)
    document = (index.parent / "01.html").read_text(encoding="utf-8")
    assert "shown" in document and "secret_code_marker" not in document
    page = index.read_text(encoding="utf-8")
    assert "c&lt;svg onload=alert(4)&gt;" in page
    for doc in (page, document):
        assert unsafe_markup(doc) == [] and parse(doc).bad_attrs == []


def test_failing_notebook_is_named_and_others_written(tmp_path, monkeypatch, capsys):
    nb_dir = tmp_path / "nbs"
    write_notebook(nb_dir / "01_ok.ipynb", [
        ("parameters", 'corpus_dir = "x"\ntaxonomy = None  # None = built-in, or a file'),
        ("code", "print('fine', taxonomy)")])
    write_notebook(nb_dir / "02_bad.ipynb", [("parameters", 'corpus_dir = "x"'),
                                             ("code", "x = 1"),
                                             ("code", "raise ValueError('boom <here>')"),
                                             ("code", "print('nev' + 'er')")])
    corpus = write_corpus(tmp_path / "corpus")
    taxonomy = tmp_path / "my_taxonomy.toml"
    taxonomy.write_text("# not read by these notebooks\n", encoding="utf-8")
    monkeypatch.setattr(report, "notebooks_folder", lambda: nb_dir)
    status = cli.main(["report", str(corpus), "-o", str(tmp_path / "out"),
                       "--taxonomy", str(taxonomy)])
    assert status == 1
    err = capsys.readouterr().err
    assert "02_bad.ipynb" in err and "ValueError: boom <here>" in err
    assert "raise ValueError" in err  # names the cell by its first line
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["01_ok.html", "02_bad.html", "index.html"]
    ok = (out / "01_ok.html").read_text(encoding="utf-8")
    assert "fine my_taxonomy.toml" in ok and str(tmp_path) not in ok  # declared: passed, relative
    bad = (out / "02_bad.html").read_text(encoding="utf-8")
    assert "taxonomy" not in bad  # not declared by this notebook: not passed
    assert "boom &lt;here&gt;" in bad and "never" not in bad
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="failed"' in page and "boom &lt;here&gt;" in page
    with pytest.raises(ReportError) as info:
        build_report(corpus, tmp_path / "out2", notebooks_dir=nb_dir, progress=False)
    assert [r.notebook for r in info.value.failures] == ["02_bad.ipynb"]
    assert "cell 3" in info.value.failures[0].error  # the injected parameters cell is cell 1


def test_missing_notebooks_and_empty_corpus(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "corpus")
    (tmp_path / "empty_nbs").mkdir()
    with pytest.raises(FileNotFoundError, match="no \\*.ipynb"):
        build_report(corpus, tmp_path / "out", notebooks_dir=tmp_path / "empty_nbs")
    monkeypatch.setattr(report, "PACKAGE_DIR", tmp_path / "site-packages" / "vnpe")
    with pytest.raises(FileNotFoundError, match="notebooks folder not found"):
        report.notebooks_folder()
    assert cli.main(["report", str(corpus), "-o", str(tmp_path / "out")]) == 2
    assert "notebooks folder not found" in capsys.readouterr().err
    write_notebook(tmp_path / "nbs" / "01.ipynb", [("parameters", 'corpus_dir = "x"')])
    monkeypatch.setattr(report, "notebooks_folder", lambda: tmp_path / "nbs")
    (tmp_path / "nothing").mkdir()
    assert cli.main(["report", str(tmp_path / "nothing"), "-o", str(tmp_path / "out")]) == 2
    assert "no articles" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


HOSTILE_FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>", "<iframe src=https://evil.example></iframe>", "<p style=x onclick=y>",
    '<a href="  JAVASCRIPT:alert(1)">x</a>', "<scr<script>ipt>alert(1)</script>", "<!--<script>-->",
    "<link rel=stylesheet href=https://evil.example/x.css>", "<body onload=alert(1)>",
]


def test_clean_html_neutralises_known_vectors():
    for fragment in HOSTILE_FRAGMENTS:
        cleaned = clean_html(f"<div>{fragment}</div>")
        assert unsafe_markup(cleaned) == [], fragment
        assert parse(cleaned).scripts == 0 and parse(cleaned).bad_attrs == [], fragment
    table = ('<table border="1" class="dataframe"><tbody><tr style="text-align: right;">'
             "<td>1</td></tr></tbody></table>")
    assert clean_html(table) == table


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE_FRAGMENTS + ["<", ">", '"', "'", "=", " ", "a", "on", "<p>",
                                                     "</p>", "<td>", "script"]), max_size=12))
def test_clean_html_output_never_runs_script(parts):
    cleaned = clean_html("".join(parts))
    assert unsafe_markup(cleaned) == []
    assert parse(cleaned).scripts == 0 and parse(cleaned).bad_attrs == []


def repo_notebooks() -> list[Path]:
    try:
        return sorted(report.notebooks_folder().glob("*.ipynb"))
    except FileNotFoundError:
        return []


@pytest.mark.skipif(not repo_notebooks(), reason="no notebooks in the repository yet")
def test_repository_notebooks_render_hostile_corpus_inert(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    try:
        index = build_report(corpus, tmp_path / "out", progress=False)
    except ReportError as exc:
        pytest.fail(str(exc))
    names = {p.stem for p in repo_notebooks()}
    assert {p.stem for p in index.parent.glob("*.html")} == names | {"index"}
    for path in index.parent.glob("*.html"):
        document = path.read_text(encoding="utf-8")
        markup = parse(document)
        assert markup.scripts == 0 and markup.bad_attrs == [] and markup.external == [], path.name
        assert str(tmp_path) not in document, path.name
