from django.urls import path

from alongside.story import views

app_name = "story"
urlpatterns = [
    path("people/children/<int:child_id>/story/", views.story, name="story"),
    path("people/children/<int:child_id>/story/print/", views.story_print, name="print"),
    path("people/children/<int:child_id>/story/new/<str:kind>/", views.record, name="record"),
    path("people/children/<int:child_id>/story/new/<str:kind>/autosave/", views.autosave, name="autosave"),
    path("story/entries/<int:entry_id>/", views.entry_detail, name="entry"),
    path("story/entries/<int:entry_id>/edit/", views.edit, name="edit"),
    path("story/entries/<int:entry_id>/correct/", views.correct, name="correct"),
    path("story/entries/<int:entry_id>/reply/", views.reply, name="reply"),
    path("story/documents/<int:document_id>/", views.document, name="document"),
]
