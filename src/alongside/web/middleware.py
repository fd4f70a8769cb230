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
