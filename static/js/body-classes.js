// GOV.UK Frontend styles some components differently once JavaScript runs. Kept in a file
// rather than inline so that the Content Security Policy can forbid inline scripts.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
