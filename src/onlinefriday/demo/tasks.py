"""The demo load as a background task, for big sizes and for testing a real worker."""

from celery import shared_task

from onlinefriday.demo import services


@shared_task
def load_demo(deals: int, seed: int) -> dict:
    return services.load_demo(deals=deals, seed=seed).as_dict()
