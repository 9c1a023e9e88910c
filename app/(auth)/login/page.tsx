import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { membershipsOf } from "@/lib/accounts/workspaces";
import { LoginForm } from "@/components/auth/login-form";
import { currentUserId } from "@/server/auth";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/dashboard";
  // A session whose user left every workspace (or was deleted) stays here: redirecting would loop back.
  const userId = await currentUserId();
  if (userId && (await membershipsOf(userId)).length > 0) redirect(target);
  return (
    <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold">Log in to Switchboard</h1>
      <LoginForm next={target} />
    </div>
  );
}
