// The small page that lets the Temporal UI decode payloads: paste a token once, and the
// gateway keeps it in an HttpOnly cookie that the UI's codec requests carry.
const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – Co-production engine</title></head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

export function signInPage(problem?: string): string {
  return page(
    'Read Temporal histories',
    `<h1>Read Temporal histories</h1>
<p>Everything the engine sends to Temporal is encrypted. The Temporal UI can show it only to a lead of the project's charter, through this gateway.</p>
${problem ? `<p role="alert"><strong>${escape(problem)}</strong></p>` : ''}
<form method="post" action="/codec/sign-in" enctype="text/plain">
<p><label for="token">Your token (from <code>npm run -s token -- --role LEAD --charter &lt;charter&gt;</code>)</label></p>
<p><textarea id="token" name="token" rows="4" cols="60" required></textarea></p>
<p><button type="submit">Sign in to read histories</button></p>
</form>`,
  );
}

export function signedInPage(name: string): string {
  return page(
    'Signed in to read histories',
    `<h1>Signed in to read histories</h1>
<p>${escape(name)}, the Temporal UI can now decode the histories of your charters' projects. In the UI, open the codec server settings, choose "Use my browser setting and ignore Cluster-level setting", set the endpoint to this gateway's <code>/codec</code>, tick "Include cross-origin credentials" and apply.</p>`,
  );
}
