"""What each table, view and column of the SQLite index means: the Datasette metadata and docs/schema.md."""

from __future__ import annotations

from typing import Any

__all__ = ["COLUMNS", "TABLES", "datasette_metadata", "schema_markdown"]

# Start here: the views read like the JSON contract; the tables are what the index keeps up to date.
TABLES: dict[str, str] = {
    "quotes": "View: one row per quote (cluster) as `quotetrace list --json` prints it. Full-text search: quotes_fts.",
    "quote_mentions": "View: one row per mention with its article and its quote, as `quotetrace export` lists it.",
    "outlet_summary": "View: one row per outlet as `quotetrace outlets --json` prints it (without the framing).",
    "speaker_summary": "View: one row per speaker as `quotetrace speakers --json` prints it.",
    "articles": "Table: every ingested article with its text (mention offsets index `text`).",
    "mentions": "Table: every quotation or reported statement found in an article, with its attribution.",
    "mention_pieces": "Table: the units mentions are clustered on (each quoted piece; a whole indirect mention), "
    "each with its cluster. A mention whose pieces reproduce different passages sits in several clusters.",
    "clusters": "Table: one summary row per quote (cluster), kept up to date at write time so reads never aggregate. "
    "Full-text search: quotes_fts.",
    "cluster_outlets": "Table: which outlets printed which quote (one row per pair).",
    "cluster_aliases": "Table: ids of clusters merged into others, with the surviving id (old ids keep working).",
    "speakers": "Table: one row per speaker (the name a quote is credited to), with counts.",
    "outlets": "Table: one row per outlet, with counts.",
    "people": "Table: each printed speaker spelling and the person it names (one identity per person).",
    "article_sources": "Table: where each article was read from (ids never collide silently).",
    "outlet_speakers": "Table: how many quotes of each speaker each outlet printed.",
    "paraphrases": "Table: statements of one speaker printed elsewhere in other words (both directions).",
    "clusters_fts": "FTS5 table over the normalised wordings of each quote (used by list --search and trace).",
    "quotes_fts": 'FTS5 table over each quote\'s text and speaker (content="clusters", rowid = clusters.seq).',
    "meta": "Table: index settings (full-text search available, model used, last ingest, clustering generation).",
    "schema_migrations": "Table: the numbered schema migrations applied to this index.",
}

_SPAN = "JSON [start, end): Python string offsets into the article's text"
_CLUSTER_ID = "The quote (cluster) id, q… for quotes, i… for reported statements"
_PERSON = "The person the speaker name refers to in this index (one identity per person; see people)"
_VIA = "How the speaker was found: the attribution rule's family (name, pronoun, role noun, …)"
_CONFIDENCE = "How sure the attribution is (0-1)"
_CONSENSUS = "Share of the confidence-weighted attributions that agree on the speaker (0-1), or null"
_ATTRIBUTIONS = "JSON array of {speaker, mentions, outlets}: who each outlet credits it to"
_MISATTRIBUTED = "1 when a confident majority credits someone else than some of its mentions do"
_ARTICLE_ID = "The article id (as given in the input, or derived from the file's path)"

COLUMNS: dict[str, dict[str, str]] = {
    "quotes": {
        "id": _CLUSTER_ID,
        "speaker": "Who said it: the name most outlets credit, or null",
        "text": "The fullest wording printed",
        "kind": "direct, mixed or indirect: the kinds of its mentions (mixed when they differ)",
        "outlets": "JSON array of the outlets that printed it, first seen first (Datasette: _facet_array=outlets)",
        "outlet_count": "How many outlets printed it",
        "mention_count": "How many mentions it has (a mention counts once however many of its pieces are here)",
        "article_count": "How many articles printed it",
        "first_date": "Date the first article printing it carries (first_seen.date in JSON), or null",
        "first_seen_outlet": "Outlet of the first article printing it (first_seen.outlet)",
        "first_seen_article_id": "Id of the first article printing it (first_seen.article_id)",
        "first_seen_tied_with": "JSON array of other outlets that printed it on the same first date",
        "first_tied": "1 when another outlet printed it on the same first date",
        "last_date": "Date of the latest article printing it (last_seen in JSON)",
        "speaker_variants": "JSON array of other names outlets credit it to",
        "direct_mentions": "Mentions entirely in quotation marks",
        "mixed_mentions": "Mentions of reported speech carrying quoted words",
        "indirect_mentions": "Mentions of reported speech without quotation marks",
        "seq": "Row number of the quote (the rowid of quotes_fts)",
        "speaker_confidence": _CONSENSUS,
        "attributions": _ATTRIBUTIONS,
        "misattributed": _MISATTRIBUTED,
    },
    "quote_mentions": {
        "id": "The mention id (m-…)",
        "cluster_id": "The quote of its longest piece",
        "article_id": _ARTICLE_ID,
        "outlet": "The article's outlet",
        "date": "The article's date (ISO), or null",
        "title": "The article's title",
        "url": "The article's url",
        "kind": "direct, mixed or indirect",
        "text": "The words of the mention, pieces joined with ' … '",
        "spans": "JSON list of " + _SPAN + ", one per piece",
        "quoted_spans": "For a mixed mention: JSON list of the spans inside quotation marks",
        "speaker": "The speaker: the person the index names (one identity per person), else the name the article's "
        "attribution gives, or null — as export prints it",
        "speaker_mention": "The words at the attribution point as printed ('he', 'the NATO chief')",
        "speaker_span": _SPAN,
        "descriptor_found": "The words describing the speaker as the parser found them (export's `descriptor` is "
        "this, cleaned of bare articles and titles)",
        "cue": "The reporting verb as printed ('said', 'claimed')",
        "cue_lemma": "The reporting verb's lemma",
        "cue_span": _SPAN,
        "paragraph": "0-based paragraph index in the body (as in JSON)",
        "paragraph_number": "1-based paragraph number (as tables print it)",
        "placement": "headline, lede (first two paragraphs) or body",
        "attribution": "Which rule found the speaker",
        "quote_speaker": "The speaker of the quote the mention belongs to",
        "quote_text": "The fullest wording of that quote",
        "person": _PERSON,
        "speaker_via": _VIA,
        "speaker_confidence": _CONFIDENCE,
        "speaker_printed": "The speaker name as the article's attribution resolved it, before the index's identities",
    },
    "outlet_summary": {
        "outlet": "The outlet's name",
        "article_count": "Articles of the outlet",
        "mention_count": "Mentions in those articles",
        "cluster_count": "Quotes the outlet printed",
        "top_speakers": "JSON array of the three speakers it quotes most: {speaker, cluster_count}",
    },
    "speaker_summary": {
        "speaker": "The speaker's name",
        "cluster_count": "Quotes credited to them",
        "mention_count": "Mentions of those quotes",
        "outlet_count": "Outlets printing them",
        "article_count": "Articles printing them",
        "unnamed": '1 for an unnamed source (described in every article, named in none: "a senior official")',
    },
    "articles": {
        "id": _ARTICLE_ID,
        "path": "The file it was read from",
        "outlet": "The outlet (from the input, metadata.csv or the article itself), or null",
        "title": "The title, or null",
        "date": "The date (ISO), or null",
        "url": "The url, or null",
        "text": "The article text every span indexes",
        "content_hash": "Hash of text and title: an unchanged article is not parsed again",
        "meta_hash": "Hash of outlet, date, url and path: a change updates the metadata only",
        "mention_count": "Mentions found in it",
        "model": "The spaCy pipeline that parsed it",
        "ingested_at": "When it was stored (UTC)",
    },
    "mentions": {
        "id": "The mention id (m-…), stable: a hash of the article id and the spans",
        "article_id": "The article (foreign key)",
        "cluster_id": "The quote of its longest piece (foreign key)",
        "kind": "direct, mixed or indirect",
        "text": "The words of the mention, pieces joined with ' … '",
        "cluster_text": "The words it is clustered on (the quoted pieces of a mixed mention)",
        "norm": "cluster_text normalised (case, punctuation, spelling folded)",
        "spans": "JSON list of " + _SPAN,
        "start": "Offset of its first span",
        "speaker": "The resolved speaker name, or null",
        "speaker_mention": "The words at the attribution point as printed",
        "speaker_span": _SPAN,
        "cue": "The reporting verb as printed",
        "cue_span": _SPAN,
        "cue_lemma": "The reporting verb's lemma",
        "descriptor": "How the article describes the speaker there, or null",
        "paragraph": "0-based paragraph index in the body",
        "in_headline": "1 when the mention is in the headline",
        "attribution": "Which rule found the speaker",
        "quoted_spans": "For a mixed mention: JSON list of the spans inside quotation marks",
        "person": _PERSON,
        "speaker_via": _VIA,
        "speaker_confidence": _CONFIDENCE,
    },
    "mention_pieces": {
        "piece_id": "The mention id, or <mention id>~<n> for the n-th piece of a longer mention",
        "mention_id": "The mention (foreign key)",
        "idx": "0-based position of the piece in the mention",
        "cluster_id": "The quote this piece belongs to (foreign key)",
        "cluster_text": "The piece's words",
        "norm": "The piece's words normalised",
        "start": "Offset of the piece in the article",
    },
    "clusters": {
        "seq": "Row number (the rowid of clusters_fts and quotes_fts)",
        "id": _CLUSTER_ID,
        "speaker": "Who said it, or null",
        "speaker_sort": "The speaker folded for sorting",
        "text": "The fullest wording printed",
        "norm_text": "The fullest wording normalised",
        "kind": "direct, mixed or indirect",
        "n_direct": "Mentions entirely in quotation marks",
        "n_mixed": "Mentions of reported speech with quoted words",
        "n_indirect": "Mentions of reported speech without quotation marks",
        "mention_count": "Mentions of the quote",
        "article_count": "Articles printing it",
        "outlet_count": "Outlets printing it",
        "outlets": "JSON array of the outlets, first seen first",
        "first_date": "Date of the first article printing it, or null",
        "first_key": "first_date for sorting (undated last)",
        "first_outlet": "Outlet of the first article",
        "first_article_id": "The first article (foreign key)",
        "tied_outlets": "JSON array of other outlets printing it on the first date",
        "last_date": "Date of the latest article printing it",
        "variants": "JSON array of other names it is credited to",
        "attributions": _ATTRIBUTIONS,
        "misattributed": _MISATTRIBUTED,
        "speaker_confidence": _CONSENSUS,
    },
    "cluster_outlets": {"outlet": "The outlet (foreign key)", "cluster_id": "The quote (foreign key)"},
    "cluster_aliases": {"alias": "A merged-away cluster id", "cluster_id": "The cluster it was merged into"},
    "speakers": {
        "name": "The speaker's name",
        "folded": "The name folded (case and accents) for matching",
        "surname": "The surname folded, for forgiving search",
        "cluster_count": "Quotes credited to them",
        "mention_count": "Mentions of those quotes",
        "outlet_count": "Outlets printing them",
        "article_count": "Articles printing them",
        "spellings": "JSON array of the names the articles print for this person, most printed first",
        "unnamed": '1 for an unnamed source (described in every article, named in none: "a senior official")',
    },
    "people": {
        "spelling": "A speaker name as articles print it",
        "person": "The person it names in this index (one identity per person: speakers.name)",
    },
    "article_sources": {
        "article_id": "The article (its id)",
        "source": "Where it was read from (a file's real path and record; a hash of stdin): only the same source "
        "read again replaces it",
    },
    "outlets": {
        "name": "The outlet's name",
        "folded": "The name folded for matching",
        "article_count": "Articles of the outlet",
        "mention_count": "Mentions in those articles",
        "cluster_count": "Quotes it printed",
    },
    "outlet_speakers": {
        "outlet": "The outlet",
        "speaker": "The speaker",
        "cluster_count": "Quotes of the speaker the outlet printed",
    },
    "paraphrases": {
        "cluster_id": "A statement (cluster)",
        "other_id": "A statement of the same speaker elsewhere in other words",
        "score": "Similarity (0-1)",
    },
    "clusters_fts": {"text": "The quote's normalised wordings (up to eight), ' | ' between them"},
    "quotes_fts": {"text": "The quote's fullest wording", "speaker": "Its speaker"},
    "meta": {"key": "Setting name", "value": "Setting value"},
    "schema_migrations": {"version": "Migration number", "name": "Migration name", "applied_at": "When (UTC)"},
}

_HIDDEN = ("meta", "schema_migrations", "clusters_fts")


def datasette_metadata(database: str = "index") -> dict[str, Any]:
    """Datasette metadata (``datasette index.db -m metadata.json``) for an index file named ``database``.db: a
    description of every table, view and column, full-text search on the ``quotes`` view, internals hidden."""
    tables: dict[str, Any] = {}
    for name, description in TABLES.items():
        entry: dict[str, Any] = {"description": description, "columns": dict(COLUMNS.get(name, {}))}
        if name in _HIDDEN:
            entry["hidden"] = True
        tables[name] = entry
    tables["quotes"].update({"fts_table": "quotes_fts", "fts_pk": "seq", "sort": "first_date"})
    tables["clusters"]["fts_table"] = "quotes_fts"
    tables["quote_mentions"]["facets"] = ["outlet", "kind", "speaker"]
    return {
        "title": "quotetrace index",
        "description": "Quotes across outlets: who said what, where it appeared, who printed it first.",
        "source": "quotetrace",
        "databases": {database: {"tables": tables}},
    }


def schema_markdown() -> str:
    """The tables and views with their columns, as the body of docs/schema.md."""
    out: list[str] = []
    for name, description in TABLES.items():
        out.append(f"### `{name}`\n\n{description}\n\n| column | meaning |\n| --- | --- |")
        out.extend(f"| `{col}` | {text} |" for col, text in COLUMNS.get(name, {}).items())
        out.append("")
    return "\n".join(out)
