"""The search's own tables: the per-place search entries the one search query filters and
ranks on, the text it matches, and the record of searches that found nothing.

Both index tables are derived data, written only by :mod:`sozialraum.directory.search.index`
(``offer_index_update``/``offer_index_rebuild``) and rebuilt from scratch by the command
``rebuild_search_index``. The full-text index over :class:`OfferSearchText` is created per
database in the migration ``0003_offer_search_index`` (an FTS5 table on SQLite, a generated
``tsvector`` column with a GIN index on PostgreSQL) and is not part of these models.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District

from ..needs import Need
from .offers import Category, Offer, Place


class OfferSearchEntry(models.Model):
    """One offer at one of its places (or an offer without a place, with ``place`` empty),
    with the facts a search filters on copied from the offer and the place: coordinates,
    district, accessibility as a bit mask (see ``search.NEED_BITS``), the lowest price (0
    for a free offer, empty when unknown), languages as ``",de,en,"``, when it was last
    confirmed and whether it has opening hours. Derived data: rewritten whenever the offer
    or one of its places is written through the services.
    """

    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="+"
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    access = models.PositiveIntegerField(_("accessibility (bit mask)"), default=0)
    min_cost = models.DecimalField(
        _("lowest price"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    languages = models.CharField(_("languages"), max_length=200, default=",de,")
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    has_hours = models.BooleanField(_("has opening hours"), default=False)
    sort_name = models.CharField(_("name for sorting"), max_length=200, default="")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        # Covering the columns most searches from a point read, so that the entries around
        # the point are read from the index alone.
        indexes = [
            models.Index(
                fields=["latitude", "longitude", "offer", "access", "confirmed_at", "place"],
                name="offer_search_near",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sort_name} @ {self.place_id}"


class OfferSearchText(models.Model):
    """The text an offer is found by, in the form the database's full-text index reads it:
    name, category names, and the rest (description, provider, places' names and
    addresses). On SQLite the fields hold German word stems, and ``name_words`` and
    ``body_words`` the unstemmed words for prefix search; on PostgreSQL they hold the plain
    text, which the ``german`` text search configuration stems itself.
    """

    offer = models.OneToOneField(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    name = models.TextField(_("name"), blank=True)
    categories = models.TextField(_("categories"), blank=True)
    body = models.TextField(_("other text"), blank=True)
    name_words = models.TextField(_("words of the name"), blank=True)
    body_words = models.TextField(_("other words"), blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self) -> str:
        return self.name


class SearchMiss(models.Model):
    """A search that found nothing: unmet demand for planning. Anonymous by construction:
    the district searched in, the words searched for and the filters (categories, needs,
    radius, cost, time, language), but no user, no address, no coordinates and no session.
    """

    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="search_misses",
    )
    query_text = models.CharField(_("searched for"), max_length=200, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.query_text or '-'} ({self.at:%Y-%m-%d})"


class OfferTerm(models.Model):
    """One posting of the ranked term index: a German word stem occurring in an offer's
    search text, with its precomputed weight (the BM25 term-frequency part summed over the
    name, category and other-text columns with their column weights; see ``search.py``).
    Read in weight order per term, it lets the search stop after the best few offers
    instead of ranking every offer that contains a frequent word. Derived data, rewritten
    with the offer's search text.
    """

    pk = models.CompositePrimaryKey("offer", "term")
    # The primary key (offer, term) serves lookups by offer; no index of its own.
    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    term = models.CharField(_("word stem"), max_length=64)
    weight = models.FloatField(_("weight"))

    class Meta:
        verbose_name = _("term posting")
        verbose_name_plural = _("term postings")
        indexes = [
            models.Index(fields=["term", "-weight", "offer"], name="offer_term_by_weight"),
        ]

    def __str__(self) -> str:
        return f"{self.term} @ {self.offer_id}"


class OfferSearchTerm(models.Model):
    """A word stem of the ranked term index with how many offers contain it (``offers``,
    for the inverse document frequency) and the highest weight any offer has for it (an
    upper bound the search uses to stop early). Rewritten with the postings; ``top_weight``
    never shrinks between rebuilds, which keeps it a valid bound."""

    term = models.CharField(_("word stem"), max_length=64, primary_key=True)
    offers = models.PositiveIntegerField(_("offers containing it"), default=0)
    top_weight = models.FloatField(_("highest weight"), default=0.0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term


class OfferSearchTermCategory(models.Model):
    """The highest weight a word stem has among the offers of one category: the bound a
    search filtered by categories stops by. A word in one category's name ("Familien" in
    "Kinder und Familien") weighs far more in that category's offers than anywhere else,
    so the bound over all offers would keep a search in other categories looking much
    further than it needs. Like ``OfferSearchTerm.top_weight`` it never shrinks between
    rebuilds; a missing row means no offer of the category holds the stem."""

    pk = models.CompositePrimaryKey("term", "category")
    term = models.CharField(_("word stem"), max_length=64)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    top_weight = models.FloatField(_("highest weight"), default=0.0)

    class Meta:
        verbose_name = _("search term in a category")
        verbose_name_plural = _("search terms in categories")

    def __str__(self) -> str:
        return f"{self.term} @ {self.category_id}"


class OfferSearchWord(models.Model):
    """A whole lower-case word seen in offers' search texts with its stem, so that a word
    being typed ("Beratun") finds the stems of the words it begins ("beratung" ->
    "berat"). Grows with the texts; rebuilt with the index."""

    word = models.CharField(_("word"), max_length=64, primary_key=True)
    stem = models.CharField(_("word stem"), max_length=64)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word


class OfferSearchExpansion(models.Model):
    """A stem of the index (``term``) whose offers are also found by another stem
    (``extra``): a compound's part ("seniorengymnast" -> "gymnast", split from the
    collection's own words when the index is built), or a word an administrator's
    :class:`SearchSynonym` stands for ("mittagst" -> "ess", ``synonym``). Every offer
    holding ``term`` gets a posting for ``extra`` at a fraction of its weight
    (``search.index``). Derived data: settled by every rebuild, extended by updates that
    bring new words, its synonyms rewritten when an administrator changes them."""

    pk = models.CompositePrimaryKey("term", "extra")
    term = models.CharField(_("word stem"), max_length=64)
    extra = models.CharField(_("also found by"), max_length=64)
    synonym = models.BooleanField(_("from a synonym"), default=False)

    class Meta:
        verbose_name = _("search expansion")
        verbose_name_plural = _("search expansions")

    def __str__(self) -> str:
        return f"{self.term} -> {self.extra}"


class SearchSynonym(models.Model):
    """A word people type for what the offers call otherwise, kept by the platform's
    administrators: "Essen" finds the offers that say "Mittagstisch" or "Mittagessen"
    (below those that say "Essen" themselves), and "Rollstuhl" may suggest the
    accessibility filter for wheelchair users. Saved or deleted, the offers concerned are
    re-indexed (``search.index.synonyms_apply``)."""

    word = models.CharField(
        _("word"), max_length=64, unique=True, help_text=_("One word, as people type it.")
    )
    means = models.CharField(
        _("finds offers with"),
        max_length=500,
        blank=True,
        help_text=_("Words the offers use, separated by commas."),
    )
    need = models.CharField(
        _("suggests the filter"),
        max_length=32,
        blank=True,
        choices=Need.choices,
        help_text=_("An accessibility need offered as a filter when the word is searched."),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def meant_words(self) -> list[str]:
        return [part.strip() for part in self.means.split(",") if part.strip()]

    def clean(self) -> None:
        for value in [self.word, *self.meant_words()]:
            if len(value.split()) != 1:
                raise ValidationError(
                    _("“%(value)s” is not one word: enter each word on its own.") % {"value": value}
                )
        if not self.means.strip() and not self.need:
            raise ValidationError(_("Enter the words it finds, or a filter it suggests."))


class OfferSearchStats(models.Model):
    """The term index's collection figures (one row): how many offers are indexed and the
    total length in words of each column, from which the average lengths BM25 normalises
    by are taken. Kept current by every index write."""

    offers = models.PositiveIntegerField(_("offers indexed"), default=0)
    name_words = models.PositiveBigIntegerField(_("words in names"), default=0)
    category_words = models.PositiveBigIntegerField(_("words in categories"), default=0)
    body_words = models.PositiveBigIntegerField(_("words in other text"), default=0)

    class Meta:
        verbose_name = _("search index figures")
        verbose_name_plural = _("search index figures")

    def __str__(self) -> str:
        return f"{self.offers} offers"
