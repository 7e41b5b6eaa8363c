"""The Sphinx side: the book's roles and directives (quotes checked verbatim, facts
from the data) and the generated source pages."""
