"""The public portal (to be completed: lists, search, feeds)."""

from django.shortcuts import get_object_or_404, render

from accounts.models import Agency

from .models import Article


def home(request):
    articles = Article.objects.public().select_related("agency")[:12]
    return render(request, "newsroom/home.html", {"articles": articles})


def article_list(request):
    articles = Article.objects.public().select_related("agency")[:20]
    return render(request, "newsroom/article_list.html", {"articles": articles})


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.public().select_related("agency"), slug=slug)
    return render(request, "newsroom/article_detail.html", {"article": article})


def agency_detail(request, slug):
    agency = get_object_or_404(Agency, slug=slug)
    articles = Article.objects.public().filter(agency=agency)[:20]
    return render(request, "newsroom/agency_detail.html", {"agency": agency, "articles": articles})
