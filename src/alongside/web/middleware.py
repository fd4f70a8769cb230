class NoStoreMiddleware:
    """Pages about children must not be kept in shared or browser caches (back button on a shared
    computer). Static files are served before this by WhiteNoise and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            response.setdefault("Cache-Control", "no-store")
        return response


class FamilyLanguageMiddleware:
    """Families (and anyone not signed in, such as a family member opening their invitation) read
    the pages in the language they chose; staff and partners always get English, the language the
    record is kept in. Unlike Django's LocaleMiddleware, the browser's language alone never changes
    a staff page, whose content would then be labelled with a language it is not in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        from alongside.access.roles import UserKind, user_kind

        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES) and user_kind(request.user) in (
            UserKind.NONE,
            UserKind.PARENT,
            UserKind.YOUNG_PERSON,
        ):
            language = chosen
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
