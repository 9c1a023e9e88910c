import { redirect } from "next/navigation";
import { requirePageActor } from "@/server/auth";

/** The home page: the workspace dashboard for a signed-in user, the login page for anyone else. */
export default async function Home() {
  await requirePageActor();
  redirect("/dashboard");
}
