from django_tasks import task

from alongside.returns.services import run_return


@task()
def produce_return(run_id: int) -> None:
    run_return(run_id)
