package dev.msw.app.vault;

import dev.msw.app.shell.AppContext;

/** What each pane of the Vault tab binds to: the two models, the shell, and a way to show the Secret pane. */
record PaneContext(VaultViewModel vm, VaultPoliciesModel policies, AppContext app, Runnable showSecretPane) {
}
