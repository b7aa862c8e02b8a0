"""The reviewers' text in the report: paragraphs and the lists they type, escaped."""

from publication.templatetags.report_text import paragraphs


def test_bullet_points_become_a_list_not_stars():
    html = paragraphs("What we found:\n* Point one\n* Point two\n\nAnd then.")
    assert html == (
        "<p>What we found:</p>\n<ul><li>Point one</li><li>Point two</li></ul>\n<p>And then.</p>"
    )
    assert "*" not in html


def test_numbered_and_dashed_lists_and_line_breaks():
    html = paragraphs("1. First\n2) Second\n- A dash\n• A bullet\nA line\nanother line")
    assert html == (
        "<ol><li>First</li><li>Second</li></ol>\n<ul><li>A dash</li><li>A bullet</li></ul>\n"
        "<p>A line<br>another line</p>"
    )


def test_text_is_escaped():
    html = paragraphs('* <meta http-equiv="refresh" content="0">\n<b>bold</b>')
    assert "<meta" not in html and "<b>" not in html
    assert "&lt;meta" in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_the_report_shows_a_section_s_list_as_a_list(report):
    from publication import assembly, rendering

    report.appraisal = "Three things stand out:\n* Point one\n* Point two\n* Point three"
    report.save()
    html = rendering.html_for(assembly.assemble(report.review), kind="report", draft=True)
    assert "<ul><li>Point one</li><li>Point two</li><li>Point three</li></ul>" in html
    assert "* Point one" not in html
