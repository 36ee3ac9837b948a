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


# --- hostile and careless input (issue 17) ---------------------------------------------


def test_only_regular_files_inside_the_corpus_are_read(tmp_path):
    import os

    write(tmp_path / "fuori.txt", "segreto")
    corpus = tmp_path / "corpus"
    write(corpus / "articles" / "a.txt", "Testo.")
    os.mkfifo(corpus / "articles" / "fifo.txt")
    (corpus / "articles" / "zero.txt").symlink_to("/dev/zero")
    (corpus / "articles" / "fuori.txt").symlink_to(tmp_path / "fuori.txt")
    (corpus / "articles" / "dentro.txt").symlink_to(corpus / "articles" / "a.txt")
    articles = {a.doc_id: a for a in iter_articles(corpus)}
    assert articles["a"].ok and articles["dentro"].ok and articles["dentro"].text == "Testo."
    assert "is a FIFO" in articles["fifo"].error
    assert "out of the corpus folder" in articles["zero"].error and "zero.txt" in articles["zero"].error
    assert "out of the corpus folder" in articles["fuori"].error and not articles["fuori"].text


def test_size_limit_is_checked_before_reading(tmp_path):
    write(tmp_path / "grande.txt", "x" * 2000)
    write(tmp_path / "piccolo.txt", "Testo.")
    articles = {a.doc_id: a for a in iter_articles(tmp_path, max_bytes=1000)}
    assert "2,000 bytes, over the limit of 1,000" in articles["grande"].error
    assert articles["piccolo"].ok


def test_suffix_case_skipped_files_and_duplicates(tmp_path, caplog):
    write(tmp_path / "a.txt", "Testo.")
    write(tmp_path / "a.TXT", "Testo.")
    write(tmp_path / "B.Txt", "Testo.")
    write(tmp_path / "note.md", "Testo.")
    write(tmp_path / "senza", "Testo.")
    write(tmp_path / ".nascosto.txt", "Testo.")
    articles = {a.doc_id: a for a in iter_articles(tmp_path)}
    assert sorted(articles) == ["B", "a", "a.txt"]  # byte order: a.TXT comes first and is 'a'
    assert articles["B"].ok and articles["a"].ok and "same doc_id 'a'" in articles["a.txt"].error
    assert "skipped 2 file(s)" in caplog.text and "note.md" in caplog.text and "senza" in caplog.text


def test_a_file_name_that_is_not_utf8_gets_a_safe_doc_id(tmp_path):
    import os

    write(tmp_path / os.fsdecode(b"caf\xe9.txt"), "Testo.")
    (article,) = iter_articles(tmp_path)
    assert article.doc_id == "caf\\xe9" and "not valid UTF-8" in article.error
    article.doc_id.encode("utf-8")  # no surrogates left


def test_an_empty_corpus_is_a_corpus_error(tmp_path):
    write(tmp_path / "note.md", "Testo.")
    with pytest.raises(CorpusError, match="no articles"):
        list(iter_articles(tmp_path))


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"Testo.\x00altro", "NUL"),
        ("Testo.".encode("utf-16"), "UTF-16"),
        (bytes(range(256)), "not valid UTF-8"),
    ],
)
def test_binary_and_other_encodings_are_errors(tmp_path, content, problem):
    write(tmp_path / "a.txt", content)
    (article,) = iter_articles(tmp_path)
    assert problem in article.error and "a.txt" in article.error


def test_crlf_text_is_kept_as_is(tmp_path):
    write(tmp_path / "a.txt", "Titolo\r\n\r\nTesto.\r\n")
    (article,) = iter_articles(tmp_path)
    assert article.text == "Titolo\r\n\r\nTesto.\r\n" and article.title == "Titolo"


@pytest.mark.parametrize(
    "csv_text",
    [
        "\ufeffdoc_id,title,published\na,Il titolo,2024-05-20\n",
        "doc_id;title;published\na;Il titolo;2024-05-20\n",
        "\ufeffdoc_id;title;published\r\na;Il titolo;2024-05-20\r\n",
        "doc_id\ttitle\tpublished\na\tIl titolo\t2024-05-20\n",
    ],
)
def test_excel_metadata_bom_and_separators(tmp_path, csv_text):
    write(tmp_path / "a.txt", "Testo.")
    write(tmp_path / "articles.csv", csv_text)
    (article,) = iter_articles(tmp_path)
    assert (article.title, article.published) == ("Il titolo", dt.date(2024, 5, 20))


@pytest.mark.parametrize(
    "csv_text, problem",
    [
        ('doc_id,title\na,"Titolo senza fine\nb,Altro\n', "line 2: malformed CSV"),
        ('doc_id,title\na,"Titolo\nb,"Altro",x\n', "line 2"),
        ('doc_id,title\na,"Titolo\nsu due righe"\n', "line 2: a quoted field runs over several lines"),
        ("doc_id,title\nb,ok\n\xff", "not valid UTF-8"),
    ],
)
def test_unclosed_quotes_are_refused_with_file_and_line(tmp_path, csv_text, problem):
    path = tmp_path / "articles.csv"
    path.write_bytes(csv_text.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    with pytest.raises(CorpusError, match=problem) as info:
        read_metadata(path)
    assert "articles.csv" in str(info.value)


def test_metadata_that_is_a_directory_is_refused(tmp_path):
    (tmp_path / "articles.csv").mkdir()
    with pytest.raises(CorpusError, match="articles.csv: is a directory"):
        read_metadata(tmp_path / "articles.csv")


@pytest.mark.parametrize("value", ["20240520", "2024-W21-1", "2024-5-20", "2024-02-30", " 2024-05-20x"])
def test_published_is_strictly_yyyy_mm_dd(tmp_path, value):
    write(tmp_path / "articles" / "a.txt", "Testo.")
    write(tmp_path / "articles.csv", f"doc_id,published\na,{value}\n")
    (article,) = iter_articles(tmp_path)
    assert article.ok and article.published is None and "not YYYY-MM-DD" in article.warnings[0]


def test_parse_size():
    from pipeline.corpus import parse_size

    assert parse_size("1000") == 1000 and parse_size("500k") == 500_000 and parse_size("5M") == 5_000_000
    with pytest.raises(ValueError):
        parse_size("cinque")
