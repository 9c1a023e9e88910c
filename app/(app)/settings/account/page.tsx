import type { Metadata } from "next";
import { ownAccount } from "@/lib/accounts/members";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card } from "@/components/ui/card";
import { requirePageActor } from "@/server/auth";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requirePageActor();
  const user = await ownAccount(actor.userId!);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Settings</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Account</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-500">Your own login, the same in every workspace you belong to.</p>
      </div>
      <Card className="max-w-2xl">
        <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 px-6 py-5 text-sm">
          <dt className="text-slate-500">Email</dt>
          <dd className="font-medium text-slate-900" data-testid="account-email">{user.email}</dd>
          <dt className="text-slate-500">Name</dt>
          <dd className="text-slate-900">{user.name ?? <span className="text-slate-400">—</span>}</dd>
          <dt className="text-slate-500">Role here</dt>
          <dd className="text-slate-900 capitalize">{actor.role}</dd>
        </dl>
      </Card>
      <ChangePasswordForm />
    </div>
  );
}
