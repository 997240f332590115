"""Availability from two factors with goals (29 CFR 30.5(c), 30.6), and the yearly review.

Existing figures were one share per group with one source: both factors take that share and
that source at equal weights, so each group's availability is unchanged; its goal starts
equal to it (30.6(a): at least equal to availability)."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _pct(label, **kwargs):
    return models.DecimalField(
        decimal_places=2,
        max_digits=5,
        validators=[
            django.core.validators.MinValueValidator(0),
            django.core.validators.MaxValueValidator(100),
        ],
        verbose_name=label,
        **kwargs,
    )


def two_factors(apps, schema_editor):
    Availability = apps.get_model("reports", "Availability")
    AvailabilityBasis = apps.get_model("reports", "AvailabilityBasis")
    for row in Availability.objects.order_by("track_id", "pk"):
        AvailabilityBasis.objects.get_or_create(
            track_id=row.track_id,
            defaults={
                "labour_market_source": row.source,
                "labour_market_weight": 50,
                "feeder_source": row.source,
                "updated_by_id": row.updated_by_id,
            },
        )
        Availability.objects.filter(pk=row.pk).update(
            labour_market_percent=row.percent, feeder_percent=row.percent, goal_percent=row.percent
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0014_remove_program_insert_insert_and_more"),
        ("reports", "0004_alter_report_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AvailabilityBasis",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "labour_market_source",
                    models.CharField(
                        max_length=200, verbose_name="source of the labour market area figures"
                    ),
                ),
                (
                    "labour_market_weight",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="weight of the labour market area (%)",
                    ),
                ),
                (
                    "feeder_source",
                    models.CharField(
                        max_length=200, verbose_name="source of the feeder pool figures"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "track",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="availability_basis",
                        to="programs.track",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="availability",
            name="labour_market_percent",
            field=_pct("share in the labour market area (%)", null=True),
        ),
        migrations.AddField(
            model_name="availability",
            name="feeder_percent",
            field=_pct("share in the feeder pool (%)", null=True),
        ),
        migrations.AddField(
            model_name="availability",
            name="goal_percent",
            field=_pct("utilization goal (%)", null=True),
        ),
        migrations.RunPython(two_factors, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="availability",
            name="labour_market_percent",
            field=_pct("share in the labour market area (%)"),
        ),
        migrations.AlterField(
            model_name="availability",
            name="feeder_percent",
            field=_pct("share in the feeder pool (%)"),
        ),
        migrations.AlterField(
            model_name="availability",
            name="goal_percent",
            field=_pct("utilization goal (%)"),
        ),
        migrations.RemoveField(model_name="availability", name="source"),
        migrations.AddConstraint(
            model_name="availability",
            constraint=models.CheckConstraint(
                condition=models.Q(("goal_percent__gte", models.F("percent"))),
                name="availability_goal_at_least_availability",
            ),
        ),
        migrations.CreateModel(
            name="AffirmativeActionReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("notes", models.TextField(blank=True, verbose_name="findings")),
                ("action_plan", models.TextField(blank=True, verbose_name="action plan")),
                ("figures", models.JSONField(default=dict)),
                ("reviewed_at", models.DateTimeField()),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="affirmative_action_reviews",
                        to="programs.program",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("program", "year"), name="aa_review_unique_year"
                    )
                ],
            },
        ),
    ]
