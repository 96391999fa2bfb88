// The reference reads the live OpenAPI document; nothing is fetched from a CDN.
window.ui = SwaggerUIBundle({ url: '/openapi/v1.json', dom_id: '#swagger-ui', deepLinking: true });
