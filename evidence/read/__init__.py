"""Reading: one raw capture at a time, then the collection.

registry (what the user knows of each file) → ingest (bytes to text, HTML metadata) →
clean (page furniture removed, with an audit) → metadata (headline, outlet, byline) →
dates (date mentions) and pubdate (the publication date from the text's own evidence) →
entities (gazetteer) → quotes (speakers) → corpus (all of it over data/sources/).
"""
