// Moved to components/ui (the single sign-on settings use it too).
export { useAction, text, checked } from "@/components/ui/use-action";
