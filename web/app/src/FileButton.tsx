// A file picker that reads in Chinese: the browser's own file input shows its label in the browser's
// language ("Choose File"), so the input is hidden behind a large button of ours.
import type { ReactNode } from "react";

export function FileButton(props: {
  id: string;
  label: ReactNode;
  chosen: string | null;
  accept: string;
  capture?: "user" | "environment";
  multiple?: boolean;
  inputRef?: React.Ref<HTMLInputElement>;
  onFiles: (files: File[]) => void;
}) {
  return (
    <div style={{ margin: "12px 0" }}>
      <label htmlFor={props.id} className="file-button">
        {props.label}
      </label>
      <input
        id={props.id}
        ref={props.inputRef}
        type="file"
        accept={props.accept}
        capture={props.capture}
        multiple={props.multiple}
        style={{ display: "none" }}
        onChange={(e) => props.onFiles([...(e.target.files ?? [])])}
      />
      <span className="muted" style={{ marginLeft: 10 }}>
        {props.chosen ?? "未选择"}
      </span>
    </div>
  );
}
