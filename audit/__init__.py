"""The audit log of every agency: who changed what state, decided what, gave or took which role.

Apps write to it only through :func:`audit.log.record`, from the domain function that makes the
change (the workflow step, the PPID service, the membership admin), inside its transaction.
"""
