{{- define "web.name" -}}
{{- printf "%s-web" .Release.Name -}}
{{- end -}}
