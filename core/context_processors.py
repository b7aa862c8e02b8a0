SERVICE_NAME = "Manage safeguarding case reviews"


def service(request):
    return {"service_name": SERVICE_NAME}
