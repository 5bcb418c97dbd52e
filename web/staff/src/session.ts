// Who is signed in. The session is one TanStack query; log-in and log-out write it directly, and any API
// answer 401 clears it (see queryClient), which sends the layout back to /login.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type User } from "./api.ts";

export const sessionKey = ["session"] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => (await api.session()).user,
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      api.login(username, password),
    onSuccess: ({ user }) => {
      // Nothing cached under the previous identity may leak into the new one.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      client.setQueryData<User | null>(sessionKey, user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.logout(),
    onSettled: () => {
      client.clear();
      client.setQueryData<User | null>(sessionKey, null);
    },
  });
}
