from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import request_finished, request_started

        from core.middleware import keep_the_devices_language, mark_signed_in
        from core.request_log import forget_request

        # A log line names the request and the user it was written for, and no other.
        request_started.connect(forget_request, dispatch_uid="core.forget_request_on_start")
        request_finished.connect(forget_request, dispatch_uid="core.forget_request_on_finish")

        # The idle clock and the age of a session start when it signs in.
        user_logged_in.connect(
            lambda request, **kwargs: mark_signed_in(request.session),
            dispatch_uid="core.mark_active_on_sign_in",
            weak=False,
        )
        user_logged_in.connect(
            lambda request, user, **kwargs: keep_the_devices_language(request, user),
            dispatch_uid="core.keep_the_devices_language",
            weak=False,
        )
