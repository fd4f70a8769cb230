def search(request):
    raise NotImplementedError


def child_detail(request, child_id):
    raise NotImplementedError
