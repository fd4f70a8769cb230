from django.urls import path

from alongside.portal import audit_views, complaint_views, staff_views, views

app_name = "portal"
urlpatterns = [
    path("family/children/<int:child_id>/plan/", views.plan, name="plan"),
    path("family/children/<int:child_id>/new-worker/", views.new_worker_message, name="new_worker_message"),
    path("family/children/<int:child_id>/change-worker/", views.change_worker, name="change_worker"),
    path("family/story/", views.story, name="story"),
    path("family/story/add/", views.add_words, name="add_words"),
    path("family/my-view/", views.my_view, name="my_view"),
    path("family/feedback/", views.feedback, name="feedback"),
    path("family/how-are-we-doing/", audit_views.how_are_we_doing, name="how_are_we_doing"),
    path("family/compliment-or-complaint/", complaint_views.say_something, name="say_something"),
    path("family/compliment-or-complaint/sent/", complaint_views.said, name="said"),
    path("family/my-complaints/", complaint_views.my_complaints, name="my_complaints"),
    path("family/my-complaints/next-stage/", complaint_views.next_stage, name="next_stage"),
    path("welcome/<str:token>/", views.welcome, name="welcome"),
    path("sign-in/link/", views.sign_in_link, name="sign_in_link"),
    path("sign-in/link/<str:token>/", views.use_sign_in_link, name="use_sign_in_link"),
    path("people/children/<int:child_id>/family-portal/", staff_views.invite, name="invite"),
    path(
        "people/children/<int:child_id>/worker-change-requests/",
        staff_views.worker_change_requests,
        name="worker_change_requests",
    ),
]
