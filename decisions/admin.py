from django.contrib import admin
from django.db.models import Count
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from decisions.models import (
    ApiToken,
    Assessment,
    AuditEvent,
    Case,
    CourseReview,
    Infusion,
    PlanSnapshot,
    PlateletCount,
    RecommendationDecision,
    RenalCheck,
    RenalResult,
    Team,
)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "prefix",
        "user",
        "name",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "scopes"]
    search_fields = ["prefix", "name", "user__username"]
    readonly_fields = ["user", "prefix", "token_hash", "created_at", "last_used_at"]

    # A token made here could never be shown to anyone; `manage.py issue_api_token` prints it.
    def has_add_permission(self, request):
        return False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "member_count"]
    search_fields = ["name", "email", "members__username"]
    filter_horizontal = ["members"]

    def get_queryset(self, request):
        # distinct: a search by member name joins the members a second time.
        return super().get_queryset(request).annotate(member_count=Count("members", distinct=True))

    @admin.display(description="members", ordering="member_count")
    def member_count(self, team):
        return team.member_count


class ViewOnlyAdmin(admin.ModelAdmin):
    """Clinical records and their audit trail are written by the app's services only; here they
    can be looked at, never added, changed or deleted (not even by a superuser)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ViewOnlyAdmin):
    # The reference, not the patient's name, so a glance at the list names nobody.
    list_display = ["reference", "team", "status", "emergency", "created_at", "updated_at"]
    list_filter = ["status", "emergency", "team"]
    search_fields = ["reference"]
    date_hierarchy = "created_at"


@admin.register(Assessment)
class AssessmentAdmin(ViewOnlyAdmin):
    list_display = ["__str__", "status", "created_by", "created_at", "completed_at"]
    list_filter = ["status"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "created_by"]


@admin.register(PlanSnapshot)
class PlanSnapshotAdmin(ViewOnlyAdmin):
    list_display = ["__str__", "ruleset_version", "emergency", "created_at"]
    list_filter = ["emergency", "ruleset_version"]
    search_fields = ["assessment__case__reference"]
    list_select_related = ["assessment__case"]


@admin.register(RecommendationDecision)
class RecommendationDecisionAdmin(ViewOnlyAdmin):
    list_display = ["plan", "code", "decision", "decided_by", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["plan__assessment__case__reference", "code"]
    list_select_related = ["plan__assessment__case", "decided_by"]


@admin.register(AuditEvent)
class AuditEventAdmin(ViewOnlyAdmin):
    list_display = ["at", "case", "action", "actor"]
    list_filter = ["action"]
    search_fields = ["case__reference", "actor__username"]
    list_select_related = ["case", "actor"]
    date_hierarchy = "at"


# Infusions, checks and results change only through the app's services, which audit them; here
# an operator can see a reminder's state (e.g. one stuck or undeliverable) but not edit it.
@admin.register(Infusion)
class InfusionAdmin(ViewOnlyAdmin):
    list_display = ["case", "status", "started_at", "ended_at"]
    list_filter = ["status"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]


@admin.register(RenalCheck)
class RenalCheckAdmin(ViewOnlyAdmin):
    # last_error names an address no reminder can go to, for the operator to correct.
    list_display = ["case", "due_at", "status", "attempts", "last_error"]
    list_filter = ["status"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
    date_hierarchy = "due_at"


@admin.register(CourseReview)
class CourseReviewAdmin(ViewOnlyAdmin):
    # A day-7 review is a reminder like a renal check: last_error says why it went nowhere.
    list_display = ["case", "due_at", "status", "attempts", "response", "decision", "last_error"]
    list_filter = ["status", "response", "decision"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
    date_hierarchy = "due_at"


@admin.register(RenalResult)
class RenalResultAdmin(ViewOnlyAdmin):
    list_display = ["case", "__str__"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]


@admin.register(PlateletCount)
class PlateletCountAdmin(ViewOnlyAdmin):
    list_display = ["case", "__str__"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]


# Second-factor devices: an administrator can see who has one and remove a lost phone's (the
# user then sets up a new one at their next login), never see or add a secret. django-otp's own
# admin would show any device's QR code to every administrator.
for device_model in (TOTPDevice, StaticDevice):
    admin.site.unregister(device_model)


@admin.register(TOTPDevice, StaticDevice)
class SecondFactorDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The product catalogue (decisions/products/admin.py): the one table the pharmacy edits here.
import decisions.products.admin  # noqa: E402, F401
