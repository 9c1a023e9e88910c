"use client";
// Email and password, signed in through next-auth; a wrong password and a lock-out show above the button.
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { loginInputSchema, type LoginInput } from "@/lib/accounts/login-input";

const REFUSED = "Wrong email or password, or the account is locked for a while. Try again later.";

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<LoginInput>({ resolver: zodResolver(loginInputSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      // One message for an unknown email, a wrong password and a locked account: the page must not tell them apart.
      setError(result?.error === "CredentialsSignin" ? REFUSED : "Logging in failed on our side. Try again in a moment.");
      return;
    }
    router.replace(next);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">Email</label>
        <input id="email" type="email" autoComplete="username" autoFocus {...register("email")}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={!!formState.errors.email} />
        {formState.errors.email && <p className="mt-1 text-sm text-red-600">{formState.errors.email.message}</p>}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Password</label>
        <input id="password" type="password" autoComplete="current-password" {...register("password")}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={!!formState.errors.password} />
        {formState.errors.password && <p className="mt-1 text-sm text-red-600">{formState.errors.password.message}</p>}
      </div>
      {error && <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="login-error">{error}</p>}
      <button type="submit" disabled={formState.isSubmitting}
        className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
        {formState.isSubmitting ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
