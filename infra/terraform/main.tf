# Runledger production infrastructure: placeholder root module.
#
# Nothing is provisioned yet. This file only pins the Terraform version, so
# `terraform init` / `terraform validate` work offline (no providers to download).
# See README.md for the planned modules (postgres, redis, object-store,
# keycloak, app) and the one-workspace-per-environment layout.

terraform {
  required_version = ">= 1.6"

  # required_providers and the remote state backend get added together with
  # the first real module.
}
