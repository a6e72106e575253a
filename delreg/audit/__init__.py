"""The auditor's pack (`delreg audit`): a reproducible sample, statistics, anomalies, charts."""
