/** Markup a prospect might type as a free-text answer: each must reach staff as inert text. */
export const xssPayloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '\'><a href="javascript:alert(1)">click</a>',
  '</textarea><iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<style>body{display:none}</style>`${alert(1)}`',
];
