"""perfdesk: 部门预算项目绩效自评表 — data entry, arithmetic and checks."""

__version__ = "0.1.0"
