"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/session";
import { endAllSessions } from "./queries";

/** Ends every session of the member on every device, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  await endAllSessions(user.id);
  await signOut({ redirectTo: "/signin?ended=1" });
}
