// How a provider (or a relay in front of it) signs delivery reports for a connector with a shared secret.
// The scheme is lib/delivery/callback-signature.ts; this is what the admin copies to whoever sends them.

export function SignatureHelp({ header }: { header: string }) {
  const name = header.trim() || "X-Switchboard-Signature";
  return (
    <div className="space-y-2 text-xs leading-relaxed text-slate-500 md:col-span-2">
      <p>
        Each report carries <code className="font-mono text-[12px] text-slate-700">X-Switchboard-Timestamp</code> (Unix seconds, within 5 minutes of now) and{" "}
        <code className="font-mono text-[12px] text-slate-700">{name}</code>: the{" "}
        <strong className="font-medium text-slate-700">hex HMAC-SHA256 of timestamp, method, path with query, and raw body</strong>, each followed by a newline
        except the body, keyed with the shared secret. Reports without a valid, fresh signature are refused with 401.
      </p>
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-[11px] leading-5 text-slate-100">
        {`ts=$(date +%s); path='/sms/dlr/custom/<id>?status=DELIVRD'; body=''
sig=$(printf '%s\\n%s\\n%s\\n%s' "$ts" GET "$path" "$body" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.*= //')
curl "https://<your host>$path" -H "X-Switchboard-Timestamp: $ts" -H "${name}: $sig"`}
      </pre>
    </div>
  );
}
