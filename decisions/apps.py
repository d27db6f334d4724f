from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = "IVIG decisions"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_save

        from decisions.api.tokens import forget_accepted_tokens
        from decisions.middleware.rate_limits import login_failure_count
        from decisions.middleware.session_timeout import session_clock_start

        def forget_tokens_of_deactivated_user(sender, instance, **kwargs):
            if not instance.is_active:
                forget_accepted_tokens(user_id=instance.pk)

        post_save.connect(
            forget_tokens_of_deactivated_user,
            sender=get_user_model(),
            dispatch_uid="forget_tokens_of_deactivated_user",
        )
        user_logged_in.connect(session_clock_start, dispatch_uid="session_clock_start")
        user_login_failed.connect(login_failure_count, dispatch_uid="login_failure_count")
