"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { PersonOptions } from "@/components/ui/person-options";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { requestSchema, type RequestInput } from "@/lib/monitoring/schemas";
import { requestAuthorisationAction } from "@/lib/monitoring/actions";
import { KIND_LABELS, GROUND_LABELS, MAX_DAYS } from "@/lib/monitoring/terms";
import { authorisationPath } from "@/lib/monitoring/paths";
import { ChoiceGroup } from "./choice-group";

const textareaClass = `${inputClass} max-w-2xl`;
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export function RequestForm(props: { schoolSlug: string; people: { id: string; name: string; jobTitle: string | null }[]; today: string }) {
  const router = useRouter();
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<RequestInput>({
    resolver: zodResolver(requestSchema, undefined, { raw: true }),
    defaultValues: { subjectId: "", kinds: [], grounds: [], necessity: "", alternatives: "", dpiaReference: "", startsOn: props.today, endsOn: "" },
  });
  const e = formState.errors;
  const { error, submit } = useFormAction(requestAuthorisationAction, props.schoolSlug, setFieldError, (data) =>
    router.push(authorisationPath(props.schoolSlug, data.id)),
  );
  const onSubmit = handleSubmit(submit);
  const text = (name: "necessity" | "alternatives", label: string, hint: string) => (
    <Field id={name} label={label} hint={hint} error={e[name]?.message}>
      <textarea id={name} rows={5} className={textareaClass} {...describedBy(name, { hint, error: e[name]?.message })} {...register(name)} />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="subjectId" label="Whose communications?" hint="They will not see this request, be told about it or be counted in any figure they can see." error={e.subjectId?.message}>
        <select id="subjectId" className={inputClass} {...describedBy("subjectId", { hint: "x", error: e.subjectId?.message })} {...register("subjectId")}>
          <PersonOptions people={props.people} />
        </select>
      </Field>
      <ChoiceGroup name="kinds" legend="What is to be monitored?" hint="Choose everything that is needed, and nothing more." options={options(KIND_LABELS)} register={register("kinds")} error={e.kinds?.message} />
      <ChoiceGroup name="grounds" legend="On what grounds?" hint="The only grounds the ICT policy allows." options={options(GROUND_LABELS)} register={register("grounds")} error={e.grounds?.message} />
      {text("necessity", "Why is it necessary and proportionate?", "What has happened, and why this monitoring, of these records, for this long, is needed to deal with it.")}
      {text("alternatives", "Which less intrusive options were considered?", "For example a conversation, a filtering report or a check by the IT provider, and why they are not enough.")}
      <Field id="dpiaReference" label="DPIA reference (if there is one)" hint="The data protection impact assessment that covers this monitoring." error={e.dpiaReference?.message}>
        <input id="dpiaReference" className={inputClass} {...describedBy("dpiaReference", { hint: "x", error: e.dpiaReference?.message })} {...register("dpiaReference")} />
      </Field>
      <div className="sm:flex sm:gap-6">
        <Field id="startsOn" label="Start date" error={e.startsOn?.message}>
          <input id="startsOn" type="date" className={inputClass} {...describedBy("startsOn", { error: e.startsOn?.message })} {...register("startsOn")} />
        </Field>
        <Field id="endsOn" label="End date (the last day)" hint={`At most ${MAX_DAYS} days, counting the first and the last.`} error={e.endsOn?.message}>
          <input id="endsOn" type="date" className={inputClass} {...describedBy("endsOn", { hint: "x", error: e.endsOn?.message })} {...register("endsOn")} />
        </Field>
      </div>
      <p className="mb-4 max-w-2xl text-sm text-slate-700">
        The Chair of Governors decides (the trust if the Chair may not). They are emailed a link; nothing about the request is in the email.
      </p>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Ask for the decision"}
      </Button>
    </form>
  );
}
