"""The dashboard's benchmark report (bench/dashboard.py): a query over the 50 ms target is marked
and counted, and the report says which proposed indexes the run had. No database, no timing."""

from bench import dashboard


def plan(name, execution, cpu):
    return {
        "query": name,
        "execution_ms": execution,
        "cpu_ms": cpu,
        "planning_ms": 0.1,
        "rows": 1,
        "indexes": ["service_standing_date"],
        "seq_scans": [],
    }


RESULT = {
    "date": "2026-12-05",
    "year": 2026,
    "database": "umkm_bench_dashboard",
    "made_by": "generate_catalog --products 350000 --seed 1",
    "loadavg": 0.2,
    "gauge_cpu_ms": 130.0,
    "machine": {
        "cpu": "Xeon",
        "cores": 2,
        "memory_gb": 23.6,
        "kernel": "6",
        "python": "3.11",
        "django": "5.2",
    },
    "dataset": {
        "businesses": 99843,
        "services": 195205,
        "services_in_year": 90772,
        "activities": 6656,
        "participations": 100233,
        "referrals": 23923,
        "snapshots": 59823,
        "milestones": 19955,
        "database_size_mb": 862,
        "postgresql": "15",
        "shared_buffers": "128MB",
        "work_mem": "4MB",
    },
    "proposed_indexes": {"service_standing_date": True, "certificate_expires_on": False},
    "scenarios": [
        {
            "name": "dashboard",
            "label": "dashboard, every agency",
            "path": "/ruang-kerja/pembinaan/?tahun=2026",
        }
    ],
    "queries": {"dashboard": 2},
    "explain": {
        "dashboard": [
            plan("count support_service", 12.5, 10.0),
            plan("select support_service", 180.0, 150.0),
        ]
    },
}


def test_the_report_marks_the_queries_over_the_target_and_names_the_indexes():
    report = dashboard.markdown(RESULT)

    assert "# Development dashboard 2026-12-05: 99,843 businesses" in report
    page = "| dashboard, every agency | `/ruang-kerja/pembinaan/?tahun=2026` | 2 |"
    assert f"{page} 180.00 (150.0) | 1 |" in report
    assert "| dashboard | 2 | select support_service | **180.00** | 150.0 |" in report
    assert "| dashboard | 1 | count support_service | 12.50 | 10.0 |" in report
    assert "service_standing_date yes, certificate_expires_on no" in report
