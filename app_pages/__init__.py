"""The Streamlit pages of Referat: thin layouts over the library in `nlp/`."""
