"""What the read API shows of each object. Staff-internal notes, comments and the people who
did things are left out: an integration reads the records, not who typed them."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.models import Case
from documents.models import Document
from funding.models import Decision, Payout
from partnerships import selectors as partnership_selectors
from partnerships.models import AgreementVersion, Contribution, IOPInquiry, Party, Signature


class ReadOnlySerializer(serializers.ModelSerializer):
    """Every field read-only. This also keeps the database's integer ranges out of the schema,
    so that it is the same on SQLite and PostgreSQL."""

    def get_extra_kwargs(self):
        extra = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra[name] = {**extra.get(name, {}), "read_only": True}
        return extra


class CaseSerializer(ReadOnlySerializer):
    organisation = serializers.StringRelatedField()
    organisation_number = serializers.CharField(
        source="organisation.org_number", default=None, read_only=True
    )
    challenge_area = serializers.StringRelatedField(allow_null=True)
    boards = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "case_number",
            "kind",
            "title",
            "organisation",
            "organisation_number",
            "challenge_area",
            "boards",
            "registered_at",
            "decided_at",
            "closed_at",
        ]


class PartySerializer(ReadOnlySerializer):
    organisation = serializers.StringRelatedField()
    # The board of the city's side; an association's party has none.
    board = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Party
        fields = ["id", "side", "organisation", "board"]


class ContributionSerializer(ReadOnlySerializer):
    """A contribution: ``amount_sek`` per year from ``period_start`` to ``period_end``, and
    ``total_sek`` over that period."""

    recipient = serializers.StringRelatedField(allow_null=True)
    total_sek = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, help_text="Amount over the whole period."
    )

    class Meta:
        model = Contribution
        fields = [
            "party",
            "kind",
            "description",
            "amount_sek",
            "period_start",
            "period_end",
            "total_sek",
            "recipient",
        ]


class AgreementVersionSerializer(ReadOnlySerializer):
    contributions = ContributionSerializer(many=True, read_only=True)

    class Meta:
        model = AgreementVersion
        fields = [
            "number",
            "period_start",
            "period_end",
            "notice_months",
            "goals",
            "follow_up",
            "saved_at",
            "contributions",
        ]


class SignatureSerializer(ReadOnlySerializer):
    version = serializers.IntegerField(source="version.number")

    class Meta:
        model = Signature
        fields = ["party", "version", "signed_at", "document_sha256"]


class AgreementSerializer(ReadOnlySerializer):
    """An IOP inquiry's agreement: its parties, its latest version and the signatures."""

    case_number = serializers.CharField(source="case.case_number")
    title = serializers.CharField(source="case.title")
    parties = PartySerializer(many=True, read_only=True)
    latest_version = serializers.SerializerMethodField()
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = IOPInquiry
        fields = [
            "case_number",
            "title",
            "status",
            "purpose",
            "target_group",
            "public_benefit_goal",
            "parties",
            "latest_version",
            "signatures",
        ]

    @extend_schema_field(AgreementVersionSerializer(allow_null=True))
    def get_latest_version(self, inquiry):
        version = partnership_selectors.latest_version(inquiry)
        return AgreementVersionSerializer(version).data if version else None


class DecisionSerializer(ReadOnlySerializer):
    case_number = serializers.CharField(
        source="application.case.case_number", default=None, allow_null=True
    )
    application = serializers.IntegerField(source="application_id")
    organisation = serializers.CharField(source="application.organisation.name")
    programme = serializers.SlugRelatedField(
        source="application.programme", slug_field="slug", read_only=True
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "case_number",
            "application",
            "organisation",
            "programme",
            "outcome",
            "amount_granted",
            "reasons",
            "authority",
            "delegation_point",
            "decided_at",
            "meeting_date",
            "protocol_paragraph",
            "reported_to_board_on",
        ]


class PayoutSerializer(ReadOnlySerializer):
    case_number = serializers.CharField(
        source="application.case.case_number", default=None, allow_null=True
    )
    application = serializers.IntegerField(source="application_id")
    organisation = serializers.CharField(source="application.organisation.name")

    class Meta:
        model = Payout
        fields = [
            "id",
            "case_number",
            "application",
            "organisation",
            "amount",
            "paid_on",
            "giro_kind",
            "giro_number",
        ]


class DocumentSerializer(ReadOnlySerializer):
    """A document's metadata; the PDF itself downloads through the portal's checked view."""

    case_number = serializers.CharField(source="case.case_number")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "case_number",
            "kind",
            "version",
            "status",
            "sha256",
            "size",
            "pages",
            "created_at",
            "rendered_at",
            "download_url",
        ]

    def get_download_url(self, document) -> str | None:
        if not document.file:
            return None
        url = reverse("documents:document_download", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
