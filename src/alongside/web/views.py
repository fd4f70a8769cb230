from django.contrib.auth.views import LoginView


class SignInView(LoginView):
    pass


def home(request):
    raise NotImplementedError


def sign_out(request):
    raise NotImplementedError


def healthz(request):
    raise NotImplementedError


def forbidden(request, exception=None):
    raise NotImplementedError


not_found = server_error = forbidden
