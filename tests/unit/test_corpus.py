import datetime as dt

import pytest

from pipeline.corpus import CorpusError, iter_articles, read_metadata, read_text


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_reads_articles_with_and_without_metadata(tmp_path):
    write(tmp_path / "articles" / "a.txt", "Titolo A\n\nTesto dell'articolo.")
    write(tmp_path / "articles" / "b.txt", "Solo testo, senza metadati.")
    write(tmp_path / "articles.csv", "doc_id,title,published,source,url,licence\na,Il titolo,2024-05-20,ANSA,,CC BY\n")
    a, b = iter_articles(tmp_path)
    assert (a.doc_id, a.title, a.published, a.source) == ("a", "Il titolo", dt.date(2024, 5, 20), "ANSA")
    assert b.ok and b.published is None and b.title == "Solo testo, senza metadati."


def test_flat_folder_is_accepted(tmp_path):
    write(tmp_path / "x.txt", "Testo.")
    assert [a.doc_id for a in iter_articles(tmp_path)] == ["x"]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("latin1.txt", "perché".encode("latin-1"), "not valid UTF-8"),
        ("empty.txt", "  \n", "is empty"),
    ],
)
def test_bad_files_get_an_error_naming_file_and_problem(tmp_path, name, content, problem):
    path = write(tmp_path / "articles" / name, content)
    (article,) = iter_articles(tmp_path)
    assert not article.ok
    assert str(path) in article.error and problem in article.error


def test_directory_named_like_an_article(tmp_path):
    (tmp_path / "articles" / "cartella.txt").mkdir(parents=True)
    (article,) = iter_articles(tmp_path)
    assert "is a directory" in article.error


def test_bom_is_dropped(tmp_path):
    path = write(tmp_path / "a.txt", "\ufeffTesto.")
    assert read_text(path) == "Testo."


def test_bad_published_date_warns_but_runs(tmp_path):
    write(tmp_path / "articles" / "a.txt", "Testo.")
    write(tmp_path / "articles.csv", "doc_id,published\na,20 maggio\n")
    (article,) = iter_articles(tmp_path)
    assert article.ok and article.published is None
    assert "line 2" in article.warnings[0] and "articles.csv" in article.warnings[0]


@pytest.mark.parametrize(
    "csv_text, problem",
    [
        ("title\nx\n", "doc_id"),
        ("doc_id\na\na\n", "line 3: duplicate doc_id 'a'"),
        ("doc_id,title\n,x\n", "line 2: empty doc_id"),
    ],
)
def test_malformed_metadata_names_file_and_line(tmp_path, csv_text, problem):
    path = write(tmp_path / "articles.csv", csv_text)
    with pytest.raises(CorpusError, match=problem) as info:
        read_metadata(path)
    assert str(path) in str(info.value)


def test_missing_corpus_folder(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        list(iter_articles(tmp_path / "nope"))
