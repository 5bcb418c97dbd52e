import { createContext, useContext } from "react";
import type { User } from "./api.ts";

export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in staff member; only for pages inside AppLayout, which provides it. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser outside AppLayout");
  return user;
}
