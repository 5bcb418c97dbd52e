// 请销假 on the case page: the person's applications with their status, a new application, the detail.
import { useQuery } from "@tanstack/react-query";
import { Button } from "antd";
import { useState } from "react";
import type { SubjectDetail } from "../../api.ts";
import { useCurrentUser } from "../../user.ts";
import { ApplicationForm } from "../leave/ApplicationForm.tsx";
import { leaveApi } from "../leave/api.ts";
import { LeaveDetailDrawer } from "../leave/LeaveDetail.tsx";
import { LeaveTable } from "../leave/LeaveTable.tsx";
import { Section } from "./Section.tsx";

export function LeaveSection({ subject }: { subject: SubjectDetail }) {
  const user = useCurrentUser();
  const [open, setOpen] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const readers = ["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"];
  const list = useQuery({
    queryKey: ["leave", "subject", subject.id],
    queryFn: () => leaveApi.list("all", subject.id),
    enabled: readers.includes(user.role),
  });
  if (!readers.includes(user.role)) return null;
  const office = user.role === "office_head" || user.role === "office_assistant";
  return (
    <Section
      qa="section-leave"
      title="请销假"
      extra={
        office && subject.status === "in_correction" ? (
          <Button size="small" onClick={() => setFiling(true)} data-qa="subject-leave-new">
            新建申请
          </Button>
        ) : null
      }
    >
      <LeaveTable
        items={list.data?.items ?? []}
        loading={list.isFetching}
        showSubject={false}
        onOpen={setOpen}
      />
      <ApplicationForm
        open={filing}
        subject={{ id: subject.id, name: subject.name }}
        onClose={(id) => {
          setFiling(false);
          if (id) setOpen(id);
        }}
      />
      <LeaveDetailDrawer id={open} onClose={() => setOpen(null)} />
    </Section>
  );
}
